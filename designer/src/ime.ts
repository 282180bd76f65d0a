import { useRef, type CompositionEvent, type KeyboardEvent } from 'react';

/**
 * True while an input method is composing (拼音 candidates open): Enter then picks a candidate and must not
 * commit the field or fire a shortcut. keyCode 229 covers browsers that send the keydown before compositionstart.
 */
export function isComposing(e: KeyboardEvent | globalThis.KeyboardEvent): boolean {
  const native = 'nativeEvent' in e ? e.nativeEvent : e;
  return native.isComposing || native.keyCode === 229;
}

/**
 * Tracks composition on an input, so a key is ignored between compositionstart and compositionend even where the
 * keydown lacks isComposing. The Enter that Safari sends after compositionend carries keyCode 229 (isComposing);
 * the Enter after that is the author's own and commits at once, however soon it comes.
 */
export function useComposition() {
  const composing = useRef(false);
  return {
    handlers: {
      onCompositionStart: (_: CompositionEvent) => {
        composing.current = true;
      },
      onCompositionEnd: (_: CompositionEvent) => {
        composing.current = false;
      },
    },
    blocked: (e: KeyboardEvent) => isComposing(e) || composing.current,
  };
}
