import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';

import { type AnimEdge, ParticleSystem } from './traffic-model';

interface Pos {
  x: number;
  y: number;
}

/**
 * Draws the traffic animation (and the mTLS locks) on a canvas laid over the cytoscape graph.
 * It reads node positions, pan and zoom from `cy` every frame, so dragging, panning and zooming
 * stay in step, and it never allocates inside a frame: positions come from cytoscape's own
 * position objects and dots from the ParticleSystem pool. Dots are blitted from one small
 * pre-rendered image per kind (see `updateSprites`).
 */
export class TrafficRenderer {
  private readonly ps = new ParticleSystem();
  private ctx: CanvasRenderingContext2D | null;
  private src: NodeSingular[] = [];
  private dst: NodeSingular[] = [];
  private lockEdges: EdgeSingular[] = [];
  /** cy's edges changed since `src`/`dst`/`lockEdges` were read (see `sync`). */
  private stale = true;
  private lengths = new Float32Array(0);
  private raf = 0;
  private last = 0;
  private animate = false;
  private locks = false;
  private width = 0;
  private height = 0;
  private dpr = 1;
  private okStroke = '#0ca678';
  /** The overlay holds nothing (so it need not be cleared again). */
  private blank = false;
  private sprites: HTMLCanvasElement[] = [];
  private spriteR = 0;
  private spriteDpr = 0;
  private spriteStroke = '';
  /** Frame-time samples for the benchmark (ms spent in `frame`). */
  readonly frameCost = new Float64Array(600);
  frames = 0;

  constructor(
    private readonly cy: Core,
    private readonly canvas: HTMLCanvasElement,
  ) {
    this.ctx = canvas.getContext('2d');
    cy.on('render', this.onRender);
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  destroy(): void {
    cancelAnimationFrame(this.raf);
    this.cy.off('render', this.onRender);
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.ctx = null;
  }

  setOptions(animate: boolean, locks: boolean, dark: boolean): void {
    this.okStroke = dark ? '#38d9a9' : '#0ca678';
    this.locks = locks;
    if (animate !== this.animate) {
      this.animate = animate;
      if (animate) this.start();
      else cancelAnimationFrame(this.raf);
    }
    this.draw(false);
  }

  /**
   * Marks the animated edges for re-reading from cy (after each element update). The reading
   * waits until a frame draws locks or dots: with both off it would walk every edge for nothing,
   * and on a 1,000-node mesh that walk was an 80 ms task right after the graph's first frame.
   */
  sync(): void {
    this.stale = true;
    this.draw(false);
  }

  private refresh(): void {
    if (!this.stale) return;
    this.stale = false;
    const ids: string[] = [];
    const edges: AnimEdge[] = [];
    this.src = [];
    this.dst = [];
    this.lockEdges = [];
    this.cy.edges().forEach((e) => {
      const d = e.data() as {
        mtls?: boolean;
        rps?: number;
        protocol: AnimEdge['protocol'];
        errorRate?: number;
        rt?: number;
      };
      if (d.mtls) this.lockEdges.push(e);
      const rate = Number(d.rps) || 0;
      if (rate <= 0 || e.hasClass('dimmed')) return;
      ids.push(e.id());
      edges.push({
        rate,
        protocol: d.protocol,
        errorRate: Number(d.errorRate) || 0,
        rtMs: Number(d.rt) || 0,
      });
      this.src.push(e.source());
      this.dst.push(e.target());
    });
    this.ps.setEdges(ids, edges);
    if (this.lengths.length < ids.length) this.lengths = new Float32Array(ids.length * 2);
  }

  /** Animated edges and live dots (for tests and the benchmark). */
  stats() {
    this.refresh();
    return { edges: this.src.length, dots: this.ps.count, spawned: this.ps.spawned };
  }

  private start() {
    cancelAnimationFrame(this.raf);
    this.last = performance.now();
    if (document.visibilityState === 'visible') this.raf = requestAnimationFrame(this.tick);
  }

  private readonly onVisibility = () => {
    // rAF already stops in hidden tabs; restarting resets the clock so dots do not jump.
    if (document.visibilityState === 'visible' && this.animate) this.start();
    else cancelAnimationFrame(this.raf);
  };

  private readonly onRender = () => {
    if (!this.animate) this.draw(false);
  };

  private readonly tick = (now: number) => {
    const t0 = performance.now();
    // Clamp the step: after a long frame (GC, a background tab) dots should not leap.
    const dt = Math.min(100, now - this.last);
    this.last = now;
    this.draw(true, dt);
    this.frameCost[this.frames++ % this.frameCost.length] = performance.now() - t0;
    this.raf = requestAnimationFrame(this.tick);
  };

  private resize(): boolean {
    const w = this.canvas.clientWidth;
    const h = this.canvas.clientHeight;
    const dpr = window.devicePixelRatio || 1;
    if (w === this.width && h === this.height && dpr === this.dpr) return false;
    this.width = w;
    this.height = h;
    this.dpr = dpr;
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(h * dpr);
    return true;
  }

  private draw(step: boolean, dt = 0): void {
    const ctx = this.ctx;
    if (!ctx || this.cy.destroyed()) return;
    const resized = this.resize();
    // With neither locks nor animation the overlay stays blank: clearing it again on every
    // cytoscape render (each pan/zoom frame) would still make the compositor redraw a
    // full-window layer, which software rendering pays for in every frame.
    if (!this.locks && !this.animate) {
      if (this.blank && !resized) return;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
      this.blank = true;
      return;
    }
    this.blank = false;
    this.refresh();
    const zoom = this.cy.zoom();
    const pan = this.cy.pan();
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    if (this.locks) this.drawLocks(ctx, zoom, pan);
    if (!this.animate) return;
    const n = this.src.length;
    for (let i = 0; i < n; i++) {
      const a = this.src[i].position();
      const b = this.dst[i].position();
      this.lengths[i] = Math.hypot(b.x - a.x, b.y - a.y);
    }
    if (step) this.ps.step(dt, this.lengths);
    // Quarter-pixel radius steps: zooming re-renders the sprites only when the size visibly changes.
    const r = Math.round(Math.max(1.6, Math.min(4.5, 3.6 * zoom)) * 4) / 4;
    this.drawDots(ctx, zoom, pan, r);
  }

  /**
   * One dot image per kind, drawn once per size and colour scheme. Blitting a small bitmap at a
   * whole-pixel position is far cheaper for a software rasteriser than filling and stroking an
   * anti-aliased circle path per dot (the benchmark's ~3,000 dots spent most of each frame
   * there, outside script).
   */
  private updateSprites(r: number): void {
    if (r === this.spriteR && this.dpr === this.spriteDpr && this.okStroke === this.spriteStroke)
      return;
    this.spriteR = r;
    this.spriteDpr = this.dpr;
    this.spriteStroke = this.okStroke;
    // Indexed by dot kind (DOT_OK, DOT_ERROR, DOT_TCP).
    this.sprites = [
      dotSprite(r * this.dpr, '#ffffff', this.okStroke, 1.4 * this.dpr),
      dotSprite(r * 1.1 * this.dpr, '#f03e3e'),
      dotSprite(r * 0.8 * this.dpr, '#868e96'),
    ];
  }

  private drawDots(ctx: CanvasRenderingContext2D, zoom: number, pan: Pos, r: number) {
    const ps = this.ps;
    const dpr = this.dpr;
    this.updateSprites(r);
    const sprites = this.sprites;
    const w = this.canvas.width;
    const h = this.canvas.height;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    for (let i = 0; i < ps.count; i++) {
      const kind = ps.kind[i];
      const e = ps.edge[i];
      const a = this.src[e].position();
      const b = this.dst[e].position();
      const t = ps.t[i];
      let x = a.x + (b.x - a.x) * t;
      let y = a.y + (b.y - a.y) * t;
      const off = ps.offset[i];
      if (off !== 0) {
        const len = this.lengths[e] || 1;
        x += (-(b.y - a.y) / len) * off;
        y += ((b.x - a.x) / len) * off;
      }
      const hs = sprites[kind].width / 2;
      const sx = Math.round((x * zoom + pan.x) * dpr - hs);
      const sy = Math.round((y * zoom + pan.y) * dpr - hs);
      if (sx < -2 * hs || sy < -2 * hs || sx > w || sy > h) continue;
      ctx.drawImage(sprites[kind], sx, sy);
    }
  }

  /** A small padlock at each mTLS edge's midpoint (drawn, so it needs no emoji font). */
  private drawLocks(ctx: CanvasRenderingContext2D, zoom: number, pan: Pos) {
    const s = Math.max(0.6, Math.min(1.2, zoom));
    ctx.beginPath();
    for (const e of this.lockEdges) {
      if (e.removed()) continue;
      const a = e.source().position();
      const b = e.target().position();
      const x = ((a.x + b.x) / 2) * zoom + pan.x - 12 * s;
      const y = ((a.y + b.y) / 2) * zoom + pan.y - 10 * s;
      ctx.rect(x - 4 * s, y - 1 * s, 8 * s, 6 * s);
      ctx.moveTo(x + 2.6 * s, y - 1 * s);
      ctx.arc(x, y - 1 * s, 2.6 * s, 0, Math.PI, true);
    }
    ctx.lineWidth = 1.3;
    ctx.strokeStyle = '#7048e8';
    ctx.fillStyle = 'rgba(112, 72, 232, 0.18)';
    ctx.fill();
    ctx.stroke();
  }
}

/** A dot of radius `r` device pixels on a transparent square, centred. */
function dotSprite(r: number, fill: string, stroke?: string, lineWidth = 0): HTMLCanvasElement {
  const size = Math.ceil(2 * (r + lineWidth)) + 2;
  const c = document.createElement('canvas');
  c.width = size;
  c.height = size;
  const g = c.getContext('2d')!;
  g.beginPath();
  g.arc(size / 2, size / 2, r, 0, Math.PI * 2);
  g.fillStyle = fill;
  g.fill();
  if (stroke) {
    g.lineWidth = lineWidth;
    g.strokeStyle = stroke;
    g.stroke();
  }
  return c;
}
