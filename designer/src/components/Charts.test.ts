import { describe, expect, it } from 'vitest';
import { departmentName } from '../api/directory';
import { barOption, NameWidth, percent, rateAxisMax, trendOption } from './chartOptions';

const labels = { count: '办件数', rate: '超时率' };

describe('rateAxisMax', () => {
  it('scales the rate axis to the data, not to 100%', () => {
    expect(rateAxisMax([0, 0.012, 0.035, null])).toBeCloseTo(0.05);
    expect(rateAxisMax([0.18])).toBeCloseTo(0.25);
    expect(rateAxisMax([0.9])).toBe(1);
  });

  it('keeps a readable axis when every rate is zero or unknown', () => {
    expect(rateAxisMax([])).toBe(0.01);
    expect(rateAxisMax([0, null])).toBe(0.01);
  });
});

describe('barOption', () => {
  const option = barOption(
    [
      { label: 'tax', name: '税务局', value: 12, rate: 0.02 },
      { label: 'medical-insurance-origin', name: '参保地（转出地）医疗保障经办机构', value: 3, rate: null },
    ],
    labels,
  );

  it('labels the values on the bars and has a legend of both series', () => {
    expect(option.legend.data).toEqual(['办件数', '超时率']);
    expect(option.series.every((s) => s.label.show)).toBe(true);
    expect(option.series[0].data).toEqual([12, 3]);
  });

  it('wraps long names instead of cutting them', () => {
    expect(option.yAxis.data[1]).toBe('参保地（转出地）医疗保障经办机构');
    expect(option.yAxis.axisLabel).toMatchObject({ width: NameWidth, overflow: 'break' });
  });

  it('puts the rate on its own axis scaled to the rates', () => {
    expect(option.xAxis[1].max).toBeCloseTo(0.03);
  });
});

describe('trendOption', () => {
  it('draws the overdue rate on a right-hand axis between 0 and a little above its highest week', () => {
    const option = trendOption(
      [
        { label: '11-02', count: 30, rate: 0 },
        { label: '11-09', count: 41, rate: 0.035 },
      ],
      labels,
    );
    expect(option.yAxis[1].max).toBeCloseTo(0.05);
    expect(option.series[1].type).toBe('line');
    expect(option.series[0].label.show).toBe(true);
  });
});

describe('percent', () => {
  it('writes a rate as a percentage', () => {
    expect(percent(0.035)).toBe('3.5%');
    expect(percent(0.5)).toBe('50%');
    expect(percent(null)).toBe('—');
  });
});

describe('departmentName', () => {
  const directory = { departments: { tax: '税务局' }, templates: {}, items: {} };

  it('names a known department and leaves an unknown id as it is', () => {
    expect(departmentName(directory, 'tax')).toBe('税务局');
    expect(departmentName(directory, 'civil-affairs')).toBe('civil-affairs');
    expect(departmentName(directory, null)).toBe('');
  });
});
