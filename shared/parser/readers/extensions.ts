/** File name extensions the importer reads (for open dialogs and drop zones). Apart from the readers, so a screen can list them without loading every reader. */
export const ACCEPTED_EXTENSIONS = ['.docx', '.doc', '.wps', '.xlsx', '.xls', '.et', '.pdf', '.odt', '.ods', '.rtf', '.html', '.htm', '.mht', '.mhtml', '.txt'] as const;
