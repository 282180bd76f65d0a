import { describe, expect, it } from 'vitest';
import { historyInput, historyKey } from './historyKeys';

const key = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('historyKey', () => {
  it('reads Ctrl+Z as undo, Ctrl+Shift+Z and Ctrl+Y as redo, and ⌘ like Ctrl', () => {
    expect(historyKey(key('z', { ctrlKey: true }))).toBe('undo');
    expect(historyKey(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(historyKey(key('y', { ctrlKey: true }))).toBe('redo');
    expect(historyKey(key('z', { metaKey: true }))).toBe('undo');
  });

  it('leaves other keys alone', () => {
    expect(historyKey(key('z'))).toBeNull();
    expect(historyKey(key('z', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(historyKey(key('s', { ctrlKey: true }))).toBeNull();
    expect(historyKey(key('Y', { ctrlKey: true, shiftKey: true }))).toBeNull();
  });
});

describe('historyInput', () => {
  it('maps the browser undo and redo input types', () => {
    expect(historyInput('historyUndo')).toBe('undo');
    expect(historyInput('historyRedo')).toBe('redo');
    expect(historyInput('insertText')).toBeNull();
  });
});
