// Side-by-side diff of two texts (CodeMirror's merge view), read-only.
import { useEffect, useRef } from 'preact/hooks';
import { EditorState } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { javascript } from '@codemirror/lang-javascript';
import { MergeView } from '@codemirror/merge';

export function DiffView({ before, after, beforeLabel, afterLabel, testid = 'diff' }) {
  const host = useRef(null);
  useEffect(() => {
    const extensions = [lineNumbers(), javascript(), syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      EditorState.readOnly.of(true), EditorView.editable.of(false)];
    const view = new MergeView({
      a: { doc: before || '', extensions: [...extensions, EditorView.contentAttributes.of({ 'aria-label': beforeLabel })] },
      b: { doc: after || '', extensions: [...extensions, EditorView.contentAttributes.of({ 'aria-label': afterLabel })] },
      parent: host.current,
      collapseUnchanged: { margin: 3, minSize: 6 },
      gutter: true,
    });
    return () => view.destroy();
  }, [before, after]);
  return (
    <div data-testid={testid}>
      <div class="diff-labels"><span>{beforeLabel}</span><span>{afterLabel}</span></div>
      <div class="diff" ref={host} />
      {before === after && <p class="muted small">The code is the same.</p>}
    </div>
  );
}
