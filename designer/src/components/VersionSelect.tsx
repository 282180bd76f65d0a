import type { ReactNode } from 'react';
import type { VersionInfo } from '../api/types';

/** A labelled choice of a published version (v1, v2 …), with extra choices before them (the draft) where given. */
export function VersionSelect({
  label,
  value,
  versions,
  onChange,
  testId,
  extra,
}: {
  label: string;
  value: string | number | null | undefined;
  versions: VersionInfo[];
  onChange: (value: string) => void;
  testId: string;
  extra?: ReactNode;
}) {
  return (
    <label>
      {label}{' '}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {extra}
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version}
          </option>
        ))}
      </select>
    </label>
  );
}
