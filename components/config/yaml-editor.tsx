'use client';

import { Skeleton } from '@mantine/core';
import dynamic from 'next/dynamic';

export interface YamlEditorProps {
  value: string;
  onChange?: (value: string) => void;
  readOnly?: boolean;
  /** Accessible name of the editing surface, e.g. "YAML of VirtualService reviews". */
  label: string;
  /** CSS height; defaults to filling the parent. */
  height?: string;
}

/**
 * The YAML editor, loaded on the client only: CodeMirror measures the DOM, and keeping it out of
 * the server bundle keeps first paint light. Bundled by Next, so it works offline.
 */
export const YamlEditor = dynamic(() => import('./yaml-editor-impl'), {
  ssr: false,
  loading: () => <Skeleton h="100%" mih={200} />,
});
