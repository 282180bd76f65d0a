import { useQuery } from '@tanstack/react-query';
import { peopleQuery } from '../api/peopleQueries';
import type { Signing } from '../api/peopleTypes';
import { Check, Field } from '../components/Field';
import { NameSelect } from '../components/pickers/NameSelect';
import { useI18n } from '../i18n/i18n';
import { parsePass, returnsOf, taskRuleOf, withTaskField, type TaskRule } from './taskRule';

const signings: Signing[] = ['single', 'all', 'any', 'sequential', 'vote'];

/**
 * The inspector's 办理人规则 of a step (`task:`): position and person chosen from the department's positions and people
 * by their Chinese names, the four-eyes rule from the region's other steps, the signing mode with its signers and pass
 * rule, the steps it may send the case back to, and transfer to another department.
 */
export function TaskRuleForm({
  value,
  department,
  steps,
  stepTitle = (s) => s,
  onChange,
}: {
  value: unknown;
  department: string;
  steps: string[];
  /** A step's title (the name as written when none is given). */
  stepTitle?: (step: string) => string;
  onChange: (rule: TaskRule | undefined) => void;
}) {
  const { t } = useI18n();
  const directory = useQuery(peopleQuery()).data ?? [];
  const dept = directory.find((d) => d.id === department);
  const positions = dept?.positions ?? [];
  const people = dept?.people ?? [];
  const rule = taskRuleOf(value);
  const set = (field: keyof TaskRule & string, v: unknown) => onChange(withTaskField(rule, field, v));
  const positionName = (id: string) => positions.find((p) => p.id === id)?.name ?? people.find((p) => `person:${p.id}` === id)?.name ?? id;
  const signing = rule?.signing ?? 'single';
  const returns = returnsOf(rule);
  const others = steps;

  return (
    <fieldset className="task-rule" data-testid="task-rule">
      <legend>{t('taskRuleTitle')}</legend>
      <Check
        label={t('taskEnabled')}
        checked={rule !== null}
        testId="task-enabled"
        onChange={(on) => onChange(on ? { position: positions[0]?.id ?? '' } : undefined)}
      />
      {rule && (
        <>
          <NameSelect
            label={t('taskPosition')}
            value={rule.position ?? ''}
            options={positions.map((p) => [p.id, p.name])}
            onChange={(v) => set('position', v)}
            none={t('taskNone')}
            testId="task-position"
          />
          <NameSelect label={t('taskPerson')} value={rule.person ?? ''} options={people.map((p) => [p.id, p.name])} onChange={(v) => set('person', v)} none={t('taskNone')} testId="task-person" />
          <NameSelect label={t('taskSameAs')} value={rule.sameAs ?? ''} options={others.map((s) => [s, stepTitle(s)])} onChange={(v) => set('sameAs', v)} none={t('taskNone')} testId="task-same-as" />
          <NameSelect label={t('taskNotSameAs')} value={rule.notSameAs ?? ''} options={others.map((s) => [s, stepTitle(s)])} onChange={(v) => set('notSameAs', v)} none={t('taskNone')} testId="task-not-same-as" />
          <NameSelect
            label={t('taskSigning')}
            value={signing}
            options={signings.map((s) => [s, t(`signing_${s}`)])}
            onChange={(v) => set('signing', v)}
            testId="task-signing"
          />
          {signing !== 'single' && (
            <div className="field" data-testid="task-signers">
              <span>{t('taskSigners')}</span>
              <ul className="plain">
                {(rule.signers ?? []).map((slot, i) => (
                  <li key={i}>
                    {positionName(slot)}{' '}
                    <button
                      type="button"
                      aria-label={`${t('remove')} ${positionName(slot)}`}
                      onClick={() => set('signers', (rule.signers ?? []).filter((_, j) => j !== i))}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
              <NameSelect
                label={t('add')}
                value=""
                options={[...positions.map((p): [string, string] => [p.id, p.name]), ...people.map((p): [string, string] => [`person:${p.id}`, p.name])]}
                onChange={(v) => v && set('signers', [...(rule.signers ?? []), v])}
                none={t('taskNone')}
                testId="task-add-signer"
              />
            </div>
          )}
          {signing === 'vote' && (
            <Field label={t('taskPass')} value={rule.pass === undefined ? '' : String(rule.pass)} onCommit={(v) => set('pass', parsePass(v))} testId="task-pass" placeholder="2 / 67%" />
          )}
          <div className="field" data-testid="task-returns">
            <span>{t('taskReturns')}</span>
            <Check label={t('taskReturnsAny')} checked={returns.any} onChange={(on) => set('returns', on ? 'any' : undefined)} testId="task-returns-any" />
            {!returns.any &&
              others.map((s) => (
                <Check
                  key={s}
                  label={stepTitle(s)}
                  checked={returns.steps.includes(s)}
                  testId={`task-return-${s}`}
                  onChange={(on) => set('returns', on ? [...returns.steps, s] : returns.steps.filter((x) => x !== s))}
                />
              ))}
          </div>
          <Check label={t('taskTransfer')} checked={rule.transfer === true} onChange={(on) => set('transfer', on)} testId="task-transfer" />
        </>
      )}
    </fieldset>
  );
}
