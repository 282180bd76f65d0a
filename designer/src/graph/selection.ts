/** What the editor has selected on the canvas: a state (node), a transition (edge) or nothing. */
export type Selection = { type: 'node' | 'edge'; id: string } | null;
