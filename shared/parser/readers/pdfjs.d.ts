// The pdf.js worker module ships without type declarations; it is only loaded to run pdf.js on this thread.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
