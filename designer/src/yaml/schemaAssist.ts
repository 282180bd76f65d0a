import { autocompletion, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import type { Extension } from '@codemirror/state';
import { hoverTooltip } from '@codemirror/view';
import definition from '../../../engine/schema/hongqiflow.schema.json';
import organization from '../../../engine/schema/hongqiflow.organization.schema.json';
import { describeAt, schemaCompletions, schemaFor, type JsonSchema } from './schemaPath';

/** The checked-in schemas (engine/schema), the same VS Code reads through the files' `# yaml-language-server` line. */
const schemas = { definition: definition as JsonSchema, organization: organization as JsonSchema };

/** Completes keys and enum values from the schema of the file being edited; typing a letter opens it, Ctrl+Space too. */
export function schemaCompletionSource(context: CompletionContext): CompletionResult | null {
  const text = context.state.doc.toString();
  const result = schemaCompletions(schemaFor(text, schemas), text, context.pos);
  if (!result) return null;
  if (result.from === context.pos && !context.explicit && !/(^|\n)\s*(-\s+)?$|:\s+$/.test(text.slice(Math.max(0, context.pos - 80), context.pos))) return null;
  const options: Completion[] = result.options.map((o) => ({
    label: o.label,
    apply: o.apply,
    detail: o.required ? `${o.detail ?? ''} *`.trim() : o.detail,
    info: o.info,
    type: o.kind === 'enum' ? 'enum' : 'property',
    boost: o.required ? 1 : 0,
  }));
  return { from: result.from, options, validFor: /^[\w-]*$/ };
}

/** Completion and hover descriptions from the schema, for the YAML editor. */
export function schemaAssist(): Extension {
  return [
    autocompletion({ override: [schemaCompletionSource], activateOnTyping: true, icons: false }),
    hoverTooltip((view, pos) => {
      const text = view.state.doc.toString();
      const d = describeAt(schemaFor(text, schemas), text, pos);
      if (!d) return null;
      return {
        pos: d.from,
        end: d.to,
        above: true,
        create: () => {
          const dom = document.createElement('div');
          dom.className = 'cm-schema-hover';
          dom.setAttribute('data-testid', 'schema-hover');
          const key = document.createElement('strong');
          key.textContent = d.key;
          const body = document.createElement('div');
          body.textContent = d.description;
          dom.append(key, body);
          return { dom };
        },
      };
    }),
  ];
}
