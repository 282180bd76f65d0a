import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { definitionsQuery, organizationQuery } from './queries';
import type { DefinitionSummary, OrganizationDirectory } from './types';

/** Names for the ids the API speaks in: departments and shared notice templates (organization.yaml), items (the catalog). */
export interface Directory {
  departments: Record<string, string>;
  templates: Record<string, string>;
  items: Record<string, string>;
}

/**
 * The directory, empty until it has loaded (ids are shown meanwhile): department names always, item names only with
 * `items` (they come from the catalog listing, which checks every definition; a page listing the catalog shares its
 * query). Both are cached queries, so every pane asking shares one request; a failure leaves ids as they are.
 */
export function useDirectory(options: { items?: boolean } = {}): Directory {
  const withItems = options.items === true;
  const organization = useQuery({ ...organizationQuery(), select: organizationNames });
  const items = useQuery({ ...definitionsQuery(), enabled: withItems, select: itemNames });
  const departments = organization.data?.departments ?? none;
  const templates = organization.data?.templates ?? none;
  const itemsByCode = (withItems && items.data) || none;
  return useMemo(() => ({ departments, templates, items: itemsByCode }), [departments, templates, itemsByCode]);
}

const none: Record<string, string> = {};
const organizationNames = (o: OrganizationDirectory) => ({
  departments: Object.fromEntries(o.departments.map((x) => [x.id, x.name])),
  templates: Object.fromEntries((o.templates ?? []).map((x) => [x.id, x.title])),
});
const itemNames = (list: DefinitionSummary[]) => Object.fromEntries(list.map((x) => [x.code, x.name]));

/** A department's name, or its id when the directory does not know it. */
export const departmentName = (directory: Directory, id: string | null | undefined) => (id ? (directory.departments[id] ?? id) : '');
