'use client';

import { yaml } from '@codemirror/lang-yaml';
import { useComputedColorScheme } from '@mantine/core';
import CodeMirror, { EditorView } from '@uiw/react-codemirror';
import { useMemo } from 'react';

import type { YamlEditorProps } from './yaml-editor';

/** CodeMirror with YAML highlighting, following the console's light/dark scheme. */
export default function YamlEditorImpl({
  value,
  onChange,
  readOnly,
  label,
  height,
}: YamlEditorProps) {
  const scheme = useComputedColorScheme('light', { getInitialValueInEffect: true });
  const extensions = useMemo(
    () => [yaml(), EditorView.contentAttributes.of({ 'aria-label': label })],
    [label],
  );
  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      readOnly={readOnly}
      editable={!readOnly}
      theme={scheme === 'dark' ? 'dark' : 'light'}
      height={height ?? '100%'}
      style={{ height: height ?? '100%', fontSize: 12.5 }}
      extensions={extensions}
      basicSetup={{ foldGutter: true, highlightActiveLine: !readOnly, tabSize: 2 }}
    />
  );
}
