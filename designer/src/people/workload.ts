import type { PeopleDepartment, PeopleMetric } from '../api/peopleTypes';

export interface WorkloadRow {
  key: string;
  name: string;
  department: string;
  departmentName: string;
  openTasks: number;
  done: number;
  average: string;
  returnRate: string;
  transfers: number;
  urged: number;
}

/**
 * The workload table's rows: names from the metric or the directory (a position by its Chinese name in its
 * department), hours to one decimal, 退回率 as a percentage, busiest first (open tasks, then done).
 */
export function workloadRows(rows: PeopleMetric[], directory: PeopleDepartment[]): WorkloadRow[] {
  return [...rows]
    .sort((a, b) => b.openTasks - a.openTasks || b.done - a.done || a.key.localeCompare(b.key))
    .map((r) => {
      const department = directory.find((d) => d.id === r.department);
      const name = r.name ?? department?.people.find((p) => p.id === r.key)?.name ?? department?.positions.find((p) => p.id === r.key)?.name ?? r.key;
      return {
        key: r.key,
        name,
        department: r.department ?? '',
        departmentName: department?.name ?? r.department ?? '—',
        openTasks: r.openTasks,
        done: r.done,
        average: r.averageHandlingHours === null || r.averageHandlingHours === undefined ? '—' : r.averageHandlingHours.toFixed(1),
        returnRate: r.returnRate === null || r.returnRate === undefined ? '—' : `${(r.returnRate * 100).toFixed(1)}%`,
        transfers: r.transfers,
        urged: r.urged,
      };
    });
}
