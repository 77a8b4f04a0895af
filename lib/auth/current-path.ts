import { headers } from 'next/headers';
import { CURRENT_PATH_HEADER } from './current-path-header';

export async function currentPath(): Promise<string> {
  return (await headers()).get(CURRENT_PATH_HEADER) ?? '/';
}
