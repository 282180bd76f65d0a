import { when } from '../console/describe';
import { formatRemaining } from '../console/indicators';
import { useI18n } from '../i18n/i18n';

type Light = 'none' | 'yellow' | 'red';

/** A worklist row's lights: the step's own light and, when the case as a whole is warned, the case's tag. */
export function WarningLights({ warning, caseWarning }: { warning: Light; caseWarning?: Light | null }) {
  const { t } = useI18n();
  return (
    <>
      <span className={`warn-light ${warning}`} title={t(`warn_${warning}`)} /> {t(`warn_${warning}`)}
      {caseWarning && caseWarning !== 'none' && (
        <span className={`tag ${caseWarning === 'red' ? 'bad' : 'warn'}`} data-testid="case-warning">
          {t('scope_case')}
          {t(`warn_${caseWarning}`)}
        </span>
      )}
    </>
  );
}

/** Remaining working hours, red once past; with the due instant beside it when given. */
export function RemainingCell({ hours, due }: { hours?: number | null; due?: string | null }) {
  return (
    <td className={hours != null && hours < 0 ? 'error' : undefined}>
      {due ? `${formatRemaining(hours)}（${when(due)}）` : formatRemaining(hours)}
    </td>
  );
}
