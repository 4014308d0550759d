import type { Block } from '../document';
export async function readPdf(bytes: Uint8Array): Promise<Block[]> { void bytes; return []; }
