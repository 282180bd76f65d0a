import { useEffect, useState } from 'react';
import { api } from './client';

/** Names for the ids the API speaks in: departments (organization.yaml) and items (the catalog). */
export interface Directory {
  departments: Record<string, string>;
  items: Record<string, string>;
}

const empty: Directory = { departments: {}, items: {} };
let loading: Promise<Directory> | null = null;

/** Loads the directory once per page; a failure leaves ids as they are and is tried again on the next use. */
export function loadDirectory(): Promise<Directory> {
  loading ??= Promise.all([api.organization(), api.listDefinitions()])
    .then(([org, items]) => ({
      departments: Object.fromEntries(org.departments.map((d) => [d.id, d.name])),
      items: Object.fromEntries(items.map((i) => [i.code, i.name])),
    }))
    .catch(() => {
      loading = null;
      return empty;
    });
  return loading;
}

/** The directory, empty until it has loaded (ids are shown meanwhile). */
export function useDirectory(): Directory {
  const [directory, setDirectory] = useState<Directory>(empty);
  useEffect(() => {
    let live = true;
    void loadDirectory().then((d) => live && setDirectory(d));
    return () => {
      live = false;
    };
  }, []);
  return directory;
}

/** A department's name, or its id when the directory does not know it. */
export const departmentName = (directory: Directory, id: string | null | undefined) => (id ? (directory.departments[id] ?? id) : '');
