import { describe, expect, it } from 'vitest';

import {
  causesFromErrors,
  fieldPath,
  unknownFields,
  validateIstio,
  validateName,
} from './validation';

describe('Istio schema validation', () => {
  it('names the field of a non-integer weight', () => {
    const causes = validateIstio({
      kind: 'VirtualService',
      spec: {
        hosts: ['reviews'],
        http: [{ route: [{ destination: { host: 'reviews' }, weight: 'abc' }] }],
      },
    });
    expect(causes).toEqual([
      {
        reason: 'FieldValueTypeInvalid',
        field: 'spec.http[0].route[0].weight',
        message:
          'Invalid value: "string": spec.http[0].route[0].weight in body must be of type integer: "abc"',
      },
    ]);
  });

  it('accepts a valid DestinationRule and reports enum violations', () => {
    expect(
      validateIstio({
        kind: 'DestinationRule',
        spec: { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }] },
      }),
    ).toEqual([]);
    const causes = validateIstio({
      kind: 'PeerAuthentication',
      spec: { mtls: { mode: 'SOMETIMES' } },
    });
    expect(causes[0]).toMatchObject({ reason: 'FieldValueNotSupported', field: 'spec.mtls.mode' });
  });

  it('finds unknown fields but leaves free-form (Struct) fields alone', () => {
    expect(
      unknownFields({
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'x', bogus: 1 },
        spec: { hosts: ['a'], foo: 1, http: [{ route: [{ destination: { host: 'a', bar: 2 } }] }] },
      }),
    ).toEqual(['metadata.bogus', 'spec.foo', 'spec.http[0].route[0].destination.bar']);
    expect(
      unknownFields({
        kind: 'EnvoyFilter',
        spec: { configPatches: [{ patch: { value: { any: { thing: 1 } } } }] },
      }),
    ).toEqual([]);
  });
});

describe('mapping helpers', () => {
  it('turns JSON pointers into Kubernetes field paths', () => {
    expect(fieldPath('/spec/http/0/route/1/weight')).toBe('spec.http[0].route[1].weight');
    expect(fieldPath('/spec', 'hosts')).toBe('spec.hosts');
    expect(fieldPath('/metadata/labels/a~1b')).toBe('metadata.labels.a/b');
  });

  it('maps required errors to FieldValueRequired', () => {
    expect(
      causesFromErrors([
        {
          instancePath: '/spec/http/0/route/0',
          keyword: 'required',
          params: { missingProperty: 'destination' },
        },
      ]),
    ).toEqual([
      {
        reason: 'FieldValueRequired',
        message: 'Required value',
        field: 'spec.http[0].route[0].destination',
      },
    ]);
  });

  it('validates names as DNS subdomains or labels', () => {
    expect(validateName('reviews.v1', false)).toEqual([]);
    expect(validateName('reviews.v1', true)[0].field).toBe('metadata.name');
    expect(validateName('', false)[0].reason).toBe('FieldValueRequired');
    expect(validateName('Bad_Name', false)[0].reason).toBe('FieldValueInvalid');
  });
});
