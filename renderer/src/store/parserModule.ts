/**
 * The document parser (every reader, pdf.js, the core) is loaded on first use, not at start-up: it is a large part
 * of the renderer's code and most sessions never import a document. The first load also tells pdf.js where the
 * build serves its CMaps and standard fonts (see vite.config.ts): needed for PDFs whose Chinese fonts are not embedded.
 */
type ParserModule = typeof import('../../../shared/parser');

let loading: Promise<ParserModule> | null = null;

export function loadParser(): Promise<ParserModule> {
  loading ??= Promise.all([import('../../../shared/parser'), import('../../../shared/parser/readers')])
    .then(([parser, readers]) => {
      readers.setPdfResources({
        cMapUrl: new URL('./pdfjs/cmaps/', document.baseURI).href,
        standardFontDataUrl: new URL('./pdfjs/standard_fonts/', document.baseURI).href,
      });
      return parser;
    })
    .catch((e: unknown) => {
      loading = null;
      throw e;
    });
  return loading;
}
