import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface ConfirmRequest {
  title: string;
  /** What will change, one sentence a line. */
  lines: string[];
  okLabel: string;
  cancelLabel: string;
  /** Asked when it is shown and whenever `children` change: a reason the change cannot be made (the OK button is disabled). */
  refusal?: string | null;
  danger?: boolean;
  children?: ReactNode;
  onOk: () => void;
}

/**
 * A modal question before a change of the process's structure (moving a state into another region, deleting a state with
 * its transitions). The browser's modal dialog keeps the focus inside it; Escape cancels and the focus returns to where it was.
 */
export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog ref={ref} className={`confirm-dialog${request.danger ? ' danger' : ''}`} aria-labelledby="confirm-title" data-testid="confirm-dialog" onClose={onClose} onKeyDown={(e) => e.stopPropagation()}>
      <h2 id="confirm-title">{request.title}</h2>
      {request.children}
      <ul className="confirm-lines" data-testid="confirm-lines">
        {request.lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
      {request.refusal && (
        <p className="error" role="alert">
          {request.refusal}
        </p>
      )}
      <div className="row">
        <button
          type="button"
          className={request.danger ? 'danger' : 'primary'}
          data-testid="confirm-ok"
          disabled={!!request.refusal}
          onClick={() => {
            request.onOk();
            ref.current?.close();
          }}
        >
          {request.okLabel}
        </button>
        <button type="button" data-testid="confirm-cancel" autoFocus onClick={() => ref.current?.close()}>
          {request.cancelLabel}
        </button>
      </div>
    </dialog>
  );
}

/** The editor's one pending question: `ask` shows it, `element` renders it. */
export function useConfirm() {
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  return { ask: setRequest, element: request ? <ConfirmDialog key={request.title} request={request} onClose={() => setRequest(null)} /> : null, open: request !== null };
}
