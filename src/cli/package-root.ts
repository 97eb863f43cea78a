import { fileURLToPath } from 'node:url';

/** A path inside the installed package (works from src/ under tsx and from dist/ after tsc). */
export function packagePath(...segments: string[]): string {
  return fileURLToPath(new URL(`../../${segments.join('/')}`, import.meta.url));
}
