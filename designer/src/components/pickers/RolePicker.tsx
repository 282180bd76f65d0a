import { roleWords } from '../../names/locations';
import { NameSelect } from './NameSelect';
import { useSay } from '../../names/words';

/** The roles a transition's `by:` may name (docs/dsl.md, "Transitions"), said in words. */
export const builtInRoles = ['window', 'applicant', 'system', 'supervisor', 'lead', 'department'] as const;

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);

/** The `by:` value of a list of roles: absent when empty, a word for one, a list for more. */
export function byValue(roles: string[]): string | string[] | undefined {
  return roles.length === 0 ? undefined : roles.length === 1 ? roles[0] : roles;
}

/**
 * Who may send an event, ticked from the roles in words (窗口, 申请人, …) and other departments chosen by name
 * (`department:ID`); nothing ticked leaves the DSL's default.
 */
export function RolePicker({ value, departments, onChange, testId }: { value: unknown; departments: Record<string, string>; onChange: (v: string | string[] | undefined) => void; testId?: string }) {
  const { t } = useSay();
  const roles = asList(value);
  const words = { t, departments };
  const extra = roles.filter((r) => !(builtInRoles as readonly string[]).includes(r));
  const toggle = (r: string, on: boolean) => onChange(byValue(on ? [...roles, r] : roles.filter((x) => x !== r)));
  return (
    <fieldset className="roles" data-testid={testId}>
      <legend>{t('rolesLegend')}</legend>
      {[...builtInRoles, ...extra].map((r) => (
        <label key={r} className="check-inline">
          <input type="checkbox" checked={roles.includes(r)} onChange={(e) => toggle(r, e.target.checked)} data-role={r} /> {roleWords(words, r)}
        </label>
      ))}
      {Object.keys(departments).length > 0 && (
        <NameSelect
          label={t('roleAddDepartment')}
          value=""
          none={t('pickNone')}
          options={Object.entries(departments)
            .filter(([id]) => !roles.includes(`department:${id}`))
            .map(([id, name]) => [`department:${id}`, name])}
          onChange={(v) => v && toggle(v, true)}
        />
      )}
    </fieldset>
  );
}
