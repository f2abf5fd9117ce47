import { useEffect, useEffectEvent, useState } from "react";

/**
 * A text box bound to a URL parameter: the box changes as the person types, the URL (through
 * `commit`) once typing pauses; when the URL changes from outside (back button, "Clear"), the
 * box follows it.
 */
export function useUrlText(urlValue: string, commit: (text: string) => void, delayMs = 300): [string, (text: string) => void] {
  const [text, setText] = useState(urlValue);
  const [lastUrlValue, setLastUrlValue] = useState(urlValue);
  if (urlValue !== lastUrlValue) {
    setLastUrlValue(urlValue);
    setText(urlValue);
  }
  const onPause = useEffectEvent(() => commit(text));
  useEffect(() => {
    if (text === urlValue) return;
    const timer = setTimeout(() => onPause(), delayMs);
    return () => clearTimeout(timer);
  }, [text, urlValue, delayMs]);
  return [text, setText];
}
