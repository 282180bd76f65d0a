import type { DeputyView, Me, PeopleDepartment, PersonEntry } from '../api/peopleTypes';

/*
 * 代理: a person names a deputy for a period (PUT /api/people/me/deputy); while it runs, the principal's tasks are the
 * deputy's too and the history records the deputy acting on the principal's behalf (docs/api.md, "Personal tasks").
 */

/** Whom I may name: the people of my departments, myself left out, each once, in the directory's order. */
export function deputyCandidates(directory: PeopleDepartment[], me: Me): PersonEntry[] {
  const seen = new Set<string>([me.id]);
  const out: PersonEntry[] = [];
  for (const d of directory) {
    if (!me.departments.includes(d.id)) continue;
    for (const p of d.people) {
      if (seen.has(p.id)) continue;
      seen.add(p.id);
      out.push(p);
    }
  }
  return out;
}

export interface DeputyInput {
  deputy: string;
  /** yyyy-MM-dd, optional: from now when empty. */
  from: string;
  /** yyyy-MM-dd, required: the deputy acts until the start of the day after (the last day is included). */
  until: string;
}

/** The problem with the form, as a label key, or null when it may be sent. */
export function deputyProblem(input: DeputyInput): 'deputyPickPerson' | 'deputyPickUntil' | 'deputyUntilBeforeFrom' | null {
  if (!input.deputy) return 'deputyPickPerson';
  if (!input.until) return 'deputyPickUntil';
  if (input.from && input.until < input.from) return 'deputyUntilBeforeFrom';
  return null;
}

/** The day in China Standard Time (UTC+8, the centre's clock) as an instant: `2026-12-09` → `2026-12-09T00:00:00+08:00`. */
function dayStart(day: string): string {
  return `${day}T00:00:00+08:00`;
}

/** The day after `day` (yyyy-MM-dd). */
function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The body of PUT /api/people/me/deputy: `until` is the end of the last day chosen, `from` the start of the first. */
export function deputyBody(input: DeputyInput): { deputy: string; from?: string; until: string } {
  return {
    deputy: input.deputy,
    ...(input.from ? { from: dayStart(input.from) } : {}),
    until: dayStart(nextDay(input.until)),
  };
}

/** The deputy's name as the directory writes it, else the id. */
export function personName(directory: PeopleDepartment[], id: string): string {
  for (const d of directory) {
    const p = d.people.find((x) => x.id === id);
    if (p) return p.name;
  }
  return id;
}

/** Whether a named deputy is in force now or still to come (an ended one is not shown). */
export function isCurrent(view: DeputyView | null | undefined, now: Date): view is DeputyView {
  return !!view && new Date(view.until).getTime() > now.getTime();
}

/** The calendar day (yyyy-MM-dd, China Standard Time) an instant falls on. */
export function dayOf(instant: string | Date): string {
  const t = typeof instant === 'string' ? new Date(instant) : instant;
  return new Date(t.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The last day a deputy acts: `until` is the start of the day after it. */
export function lastDayOf(view: DeputyView): string {
  return dayOf(new Date(new Date(view.until).getTime() - 1));
}
