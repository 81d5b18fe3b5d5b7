import { useEffect, useMemo, useRef, type MouseEvent } from 'react';
import { copyText } from './copy-text.js';
import { renderMarkdown } from './render-markdown.js';

/**
 * An answer rendered from markdown (sanitized), with a Copy button on each code block
 * and syntax highlighting loaded lazily once the answer is complete.
 */
export function Markdown({ text, complete }: { text: string; complete: boolean }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const blocks = root.querySelectorAll('pre');
    blocks.forEach((pre, i) => {
      if (pre.querySelector(':scope > button.copy-code')) return;
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'copy-code secondary';
      b.textContent = 'Copy code';
      b.setAttribute('aria-label', `Copy code block ${i + 1}`);
      pre.prepend(b);
    });
    if (complete && blocks.length > 0) {
      let gone = false;
      void import('./highlight-code.js').then((m) => {
        if (!gone) m.highlightUnder(root);
      });
      return () => {
        gone = true;
      };
    }
    return undefined;
  }, [html, complete]);

  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const b = (e.target as HTMLElement).closest('button.copy-code');
    const code = b?.parentElement?.querySelector('code');
    // marked ends a fenced block with a newline the author did not type
    if (b && code) void copyText((code.textContent ?? '').replace(/\n$/, ''), b as HTMLButtonElement);
  };

  // the HTML is sanitized by renderMarkdown (DOMPurify)
  return <div ref={ref} className="answer-text markdown" onClick={onClick} dangerouslySetInnerHTML={{ __html: html }} />;
}
