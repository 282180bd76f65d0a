import { Link } from 'react-router';
import { useSay } from '../names/words';

export interface EditorToolbarProps {
  name: string;
  code: string;
  dirty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  canDelete: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onAddState: () => void;
  onDelete: () => void;
  /** Moving the selected state into another region (the main flow or a branch): the one way to change where it lives. */
  canMove?: boolean;
  onMove?: () => void;
  onAutoLayout: () => void;
  onFit: () => void;
  onSave: () => void;
}

/** The editor's toolbar: back to the catalog, the item's name (• when unsaved), history, canvas commands and save. */
export function EditorToolbar(p: EditorToolbarProps) {
  const { t } = useSay();
  return (
    <div className="toolbar" role="toolbar" aria-label={t('graph')}>
      <Link to="/designer">← {t('back')}</Link>
      <strong data-testid="definition-name">
        {p.name} <span className="mono">{p.code}</span>
        {p.dirty ? ' •' : ''}
      </strong>
      <button type="button" onClick={p.onUndo} disabled={!p.canUndo} data-testid="undo" title="Ctrl+Z">
        {t('undo')}
      </button>
      <button type="button" onClick={p.onRedo} disabled={!p.canRedo} data-testid="redo" title="Ctrl+Shift+Z">
        {t('redo')}
      </button>
      <button type="button" onClick={p.onAddState} data-testid="add-state" title="Alt+N">
        {t('addState')}
      </button>
      <button type="button" onClick={p.onDelete} disabled={!p.canDelete} title="Delete">
        {t('delete')}
      </button>
      {p.onMove && (
        <button type="button" onClick={p.onMove} disabled={!p.canMove} data-testid="move-state">
          {t('moveState')}
        </button>
      )}
      <button type="button" data-testid="auto-layout" onClick={p.onAutoLayout}>
        {t('autoLayout')}
      </button>
      <button type="button" onClick={p.onFit}>
        {t('fitView')}
      </button>
      <span className="spacer" />
      <button type="button" onClick={p.onSave} data-testid="save-draft" title="Ctrl+S">
        {t('saveDraft')}
      </button>
    </div>
  );
}
