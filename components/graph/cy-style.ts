import type { StylesheetJson } from 'cytoscape';

/**
 * The graph's cytoscape stylesheet, one per colour scheme. Shapes follow Kiali's vocabulary so
 * its users read the graph at a glance: app = rectangle, workload = ellipse, service = rhombus,
 * service entry = rhomboid, unknown = dashed ellipse. Colour means health and nothing else
 * (TCP edges aside, which are blue as in Kiali).
 */

export interface GraphPalette {
  healthy: string;
  degraded: string;
  failure: string;
  idle: string;
  tcp: string;
  nodeFill: string;
  text: string;
  textBg: string;
  edge: string;
  accent: string;
  trace: string;
  /** Box fills (namespace, app) and their borders: quiet enough that nodes stay in front. */
  nsBox: string;
  appBox: string;
  boxBorder: string;
  boxText: string;
}

export function graphPalette(dark: boolean): GraphPalette {
  return dark
    ? {
        healthy: '#38d9a9',
        degraded: '#fcc419',
        failure: '#ff6b6b',
        idle: '#5c5f66',
        tcp: '#4dabf7',
        nodeFill: '#25262b',
        text: '#dee2e6',
        textBg: '#1a1b1e',
        edge: '#20c997',
        accent: '#748ffc',
        trace: '#da77f2',
        nsBox: '#1f2023',
        appBox: '#2a2c31',
        boxBorder: '#4a4d55',
        boxText: '#a6a7ab',
      }
    : {
        healthy: '#0ca678',
        degraded: '#f59f00',
        failure: '#e03131',
        idle: '#adb5bd',
        tcp: '#1c7ed6',
        nodeFill: '#ffffff',
        text: '#212529',
        textBg: '#ffffff',
        edge: '#63c9a4',
        accent: '#4263eb',
        trace: '#ae3ec9',
        nsBox: '#f1f3f5',
        appBox: '#e7ebf0',
        boxBorder: '#ced4da',
        boxText: '#495057',
      };
}

export function graphStyle(dark: boolean): StylesheetJson {
  const p = graphPalette(dark);
  return [
    {
      selector: 'node',
      style: {
        width: 30,
        height: 30,
        'background-color': p.nodeFill,
        'border-width': 2,
        'border-color': p.healthy,
        label: 'data(label)',
        'font-size': 11,
        'font-family': 'Inter, system-ui, sans-serif',
        color: p.text,
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 4,
        'text-wrap': 'wrap',
        'text-max-width': '140px',
        'text-background-color': p.textBg,
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        'text-background-shape': 'roundrectangle',
        'min-zoomed-font-size': 6,
      },
    },
    // Badge icons: one SVG strip per node, centred just above the shape (see badge-icons.ts).
    {
      selector: 'node[?badgeIcons]',
      style: {
        'background-image': 'data(badgeIcons)',
        'background-fit': 'none',
        'background-clip': 'none',
        'background-image-containment': 'over',
        'background-position-x': '50%',
        'background-position-y': '-19px',
        'background-image-opacity': 1,
        'bounds-expansion': 20,
      },
    },
    { selector: 'node.t-app', style: { shape: 'round-rectangle', width: 34, height: 26 } },
    { selector: 'node.t-workload', style: { shape: 'ellipse' } },
    { selector: 'node.t-service', style: { shape: 'diamond', width: 30, height: 30 } },
    { selector: 'node.t-serviceEntry', style: { shape: 'rhomboid', width: 36, height: 24 } },
    { selector: 'node.t-unknown', style: { shape: 'ellipse', 'border-style': 'dashed' } },
    { selector: 'node.h-degraded', style: { 'border-color': p.degraded } },
    { selector: 'node.h-failure', style: { 'border-color': p.failure, 'border-width': 3 } },
    { selector: 'node.h-idle, node.h-unknown', style: { 'border-color': p.idle } },
    { selector: 'node.idle', style: { 'border-style': 'dashed', color: p.idle } },
    { selector: 'node.outside', style: { 'background-opacity': 0.6 } },
    // Traffic sources get a double ring; gateways a tinted fill, so both read without a legend.
    { selector: 'node.root', style: { 'border-style': 'double', 'border-width': 5 } },
    { selector: 'node.gateway', style: { 'background-color': dark ? '#364fc7' : '#dbe4ff' } },
    // Boxes (compound parents): labelled at the top-left like a frame, drawn under their nodes.
    {
      selector: 'node.box',
      style: {
        shape: 'round-rectangle',
        'background-color': p.nsBox,
        'background-opacity': 0.9,
        'border-width': 1,
        'border-color': p.boxBorder,
        'border-style': 'solid',
        padding: '18px',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -3,
        'text-background-opacity': 0,
        'font-size': 11,
        'font-weight': 600,
        color: p.boxText,
        'compound-sizing-wrt-labels': 'include',
        'underlay-opacity': 0,
      },
    },
    { selector: 'node.box-namespace', style: { 'border-style': 'dashed', 'border-width': 1.5 } },
    {
      selector: 'node.box-app',
      style: { 'background-color': p.appBox, padding: '12px', 'font-size': 10 },
    },
    {
      selector: 'edge',
      style: {
        width: 1.6,
        'curve-style': 'bezier',
        'line-color': p.edge,
        'target-arrow-shape': 'triangle',
        'target-arrow-color': p.edge,
        'arrow-scale': 0.8,
        label: 'data(label)',
        'font-size': 10,
        'font-family': 'Inter, system-ui, sans-serif',
        color: p.text,
        'text-background-color': p.textBg,
        'text-background-opacity': 0.9,
        'text-background-padding': '2px',
        'text-background-shape': 'roundrectangle',
        'text-border-width': 1,
        'text-border-color': dark ? '#373a40' : '#dee2e6',
        'text-border-opacity': 1,
        'min-zoomed-font-size': 7,
      },
    },
    {
      selector: 'edge.h-degraded',
      style: { 'line-color': p.degraded, 'target-arrow-color': p.degraded },
    },
    {
      selector: 'edge.h-failure',
      style: { 'line-color': p.failure, 'target-arrow-color': p.failure },
    },
    {
      selector: 'edge.p-tcp',
      style: { 'line-color': p.tcp, 'target-arrow-color': p.tcp, 'line-style': 'dashed' },
    },
    {
      selector: 'edge.idle',
      style: { 'line-color': p.idle, 'target-arrow-color': p.idle, 'line-style': 'dashed' },
    },
    { selector: '.dimmed', style: { opacity: 0.18 } },
    {
      selector: 'node.found',
      style: { 'underlay-color': p.accent, 'underlay-opacity': 0.25, 'underlay-padding': 8 },
    },
    { selector: 'edge.found', style: { width: 3 } },
    {
      selector: 'node.trace',
      style: { 'underlay-color': p.trace, 'underlay-opacity': 0.3, 'underlay-padding': 9 },
    },
    {
      selector: 'edge.trace',
      style: { width: 3.5, 'line-color': p.trace, 'target-arrow-color': p.trace },
    },
    {
      selector: 'node:selected',
      style: {
        'border-color': p.accent,
        'border-width': 3,
        'underlay-color': p.accent,
        'underlay-opacity': 0.2,
        'underlay-padding': 8,
      },
    },
    {
      selector: 'edge:selected',
      style: { width: 4, 'line-color': p.accent, 'target-arrow-color': p.accent, 'z-index': 10 },
    },
    // After node:selected, so a selected box gets a border, not a halo over its contents.
    {
      selector: 'node.box:selected',
      style: { 'border-color': p.accent, 'border-width': 2, 'underlay-opacity': 0 },
    },
  ];
}
