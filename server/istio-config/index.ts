import 'server-only';

export { kindOrThrow, NAMESPACE_NAME, OBJECT_NAME } from './parse';
export { getIstioObject, listIstioConfig, listValidations } from './read';
export type { WriteOptions } from './write';
export { createIstioObject, deleteIstioObject, updateIstioObject } from './write';
