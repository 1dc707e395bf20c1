import { describe, expect, it } from 'vitest';

import { sparklineOption } from './sparkline-option';

describe('sparklineOption', () => {
  it('converts unix seconds to ms and keeps one series per input', () => {
    const opt = sparklineOption(
      [
        {
          name: 'rps',
          points: [
            [100, 1],
            [110, 2],
          ],
          color: '#0a0',
          area: true,
        },
        { name: 'p99', points: [[100, 5]], color: '#a00' },
      ],
      'rps',
      false,
    ) as {
      series: { data: number[][]; areaStyle?: unknown }[];
      tooltip: { valueFormatter: (v: unknown) => string };
    };
    expect(opt.series).toHaveLength(2);
    expect(opt.series[0].data).toEqual([
      [100_000, 1],
      [110_000, 2],
    ]);
    expect(opt.series[0].areaStyle).toBeDefined();
    expect(opt.series[1].areaStyle).toBeUndefined();
    expect(opt.tooltip.valueFormatter(0.456)).toBe('0.46 rps');
    expect(opt.tooltip.valueFormatter(1234)).toBe('1.2k rps');
    expect(opt.tooltip.valueFormatter(undefined)).toBe('–');
  });
});
