import { useEffect, useState } from 'react';
import { api } from './client';

/** Names for the ids the API speaks in: departments (organization.yaml) and items (the catalog). */
export interface Directory {
  departments: Record<string, string>;
  items: Record<string, string>;
}

const empty: Directory = { departments: {}, items: {} };
const loaded = new Map<'departments' | 'items', Promise<Record<string, string>>>();

/** One request per page and kind; a failure leaves ids as they are and is tried again on the next use. */
function once(kind: 'departments' | 'items', load: () => Promise<Record<string, string>>): Promise<Record<string, string>> {
  let loading = loaded.get(kind);
  if (!loading) {
    loading = load().catch(() => {
      loaded.delete(kind);
      return {};
    });
    loaded.set(kind, loading);
  }
  return loading;
}

/**
 * Loads the directory once per page: department names always, item names only when asked for (they come from the
 * catalog listing, which checks every definition — a page that lists the catalog itself need not ask twice).
 */
export async function loadDirectory(withItems = false): Promise<Directory> {
  const [d, i] = await Promise.all([
    once('departments', async () => Object.fromEntries((await api.organization()).departments.map((x) => [x.id, x.name]))),
    withItems ? once('items', async () => Object.fromEntries((await api.listDefinitions()).map((x) => [x.code, x.name]))) : Promise.resolve({}),
  ]);
  return { departments: d, items: i };
}

/** The directory, empty until it has loaded (ids are shown meanwhile); item names only with `items`. */
export function useDirectory(options: { items?: boolean } = {}): Directory {
  const withItems = options.items === true;
  const [directory, setDirectory] = useState<Directory>(empty);
  useEffect(() => {
    let live = true;
    void loadDirectory(withItems).then((d) => live && setDirectory(d));
    return () => {
      live = false;
    };
  }, [withItems]);
  return directory;
}

/** A department's name, or its id when the directory does not know it. */
export const departmentName = (directory: Directory, id: string | null | undefined) => (id ? (directory.departments[id] ?? id) : '');
