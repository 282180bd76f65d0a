import { when } from '../console/describe';
import { formatRemaining } from '../console/indicators';
import { useI18n } from '../i18n/i18n';

type Light = 'none' | 'yellow' | 'red';

const rank: Record<Light, number> = { none: 0, yellow: 1, red: 2 };

/**
 * A worklist row's light: one badge, never a yellow and a red side by side. The step's own light, unless the case as a
 * whole is warned more (整件红灯 on a yellow step): then the case's, named as the whole case's.
 */
export function WarningLights({ warning, caseWarning }: { warning: Light; caseWarning?: Light | null }) {
  const { t } = useI18n();
  if (caseWarning && rank[caseWarning] > rank[warning]) {
    return (
      <span className={`tag ${caseWarning === 'red' ? 'bad' : 'warn'}`} data-testid="case-warning" data-light={caseWarning}>
        <span className={`warn-light ${caseWarning}`} aria-hidden="true" /> {t('scope_case')}
        {t(`warn_${caseWarning}`)}
      </span>
    );
  }

  return (
    <span data-testid="step-warning" data-light={warning}>
      <span className={`warn-light ${warning}`} aria-hidden="true" /> {t(`warn_${warning}`)}
    </span>
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
