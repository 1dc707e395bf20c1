import { describe, expect, it } from 'vitest';

import {
  labelValue,
  namespaceName,
  namespaceRegex,
  objectName,
  parseDuration,
  PromQLInputError,
  quote,
  windowSeconds,
} from './promql';

describe('PromQL input validation', () => {
  it('accepts Kubernetes names and joins namespaces into one sorted regex', () => {
    expect(namespaceName('bookinfo')).toBe('bookinfo');
    expect(objectName('reviews-v1.canary', 'workload')).toBe('reviews-v1.canary');
    expect(labelValue('v1_2.3')).toBe('v1_2.3');
    expect(namespaceRegex(['istio-system', 'bookinfo', 'bookinfo'])).toBe(
      '"bookinfo|istio-system"',
    );
  });

  it.each([
    'bookinfo"} or vector(1) #',
    'bookinfo|.*',
    'Bookinfo',
    '-bookinfo',
    'book info',
    'a'.repeat(64),
    '',
    'ns\\"',
  ])('rejects namespace %j', (bad) => {
    expect(() => namespaceName(bad)).toThrow(PromQLInputError);
    expect(() => namespaceRegex([bad])).toThrow(PromQLInputError);
  });

  it('rejects injection through workload names and label values', () => {
    expect(() => objectName('x"}[5m])', 'workload')).toThrow('invalid workload');
    expect(() => labelValue('v1" or up', 'version')).toThrow('invalid version');
    expect(() => namespaceRegex([])).toThrow('at least one namespace');
  });

  it('escapes quotes and backslashes when quoting', () => {
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
  });

  it('parses durations to whole seconds and rejects anything else', () => {
    expect(parseDuration('60')).toBe(60);
    expect(parseDuration('60s')).toBe(60);
    expect(parseDuration('5m')).toBe(300);
    expect(parseDuration('1h')).toBe(3600);
    expect(parseDuration('7d')).toBe(604800);
    for (const bad of ['', '0s', '1.5m', '500ms', '60s]) or vector(1', '-5m', '31d', '1y']) {
      expect(() => parseDuration(bad), bad).toThrow(PromQLInputError);
    }
    expect(windowSeconds(60)).toBe('60s');
    expect(() => windowSeconds(0.5)).toThrow(PromQLInputError);
  });
});
