import { useRef, type CompositionEvent, type KeyboardEvent } from 'react';

/**
 * True while an input method is composing (拼音 candidates open): Enter then picks a candidate and must not
 * commit the field or fire a shortcut. keyCode 229 covers browsers that send the keydown before compositionstart.
 */
export function isComposing(e: KeyboardEvent | globalThis.KeyboardEvent): boolean {
  const native = 'nativeEvent' in e ? e.nativeEvent : e;
  return native.isComposing || native.keyCode === 229;
}

/** Tracks composition on an input so Enter right after compositionend (Safari order) is ignored too. */
export function useComposition() {
  const composing = useRef(false);
  const endedAt = useRef(0);
  return {
    handlers: {
      onCompositionStart: (_: CompositionEvent) => {
        composing.current = true;
      },
      onCompositionEnd: (_: CompositionEvent) => {
        composing.current = false;
        endedAt.current = performance.now();
      },
    },
    blocked: (e: KeyboardEvent) => isComposing(e) || composing.current || performance.now() - endedAt.current < 30,
  };
}
