// hyparquet-writer exports its modules as `hyparquet-writer/src/*.js` (its package.json "exports"),
// typed by its types/*.d.ts; TypeScript's "node" module resolution does not read "exports", so
// these declarations point the modules sim/io/parquet.ts uses at their types.

declare module 'hyparquet-writer/src/column.js' {
  export { writeColumn } from 'hyparquet-writer/types/column';
}
declare module 'hyparquet-writer/src/datapage.js' {
  export { writePageHeader } from 'hyparquet-writer/types/datapage';
}
declare module 'hyparquet-writer/src/dictionary.js' {
  export { writeDictionaryPage } from 'hyparquet-writer/types/dictionary';
}
declare module 'hyparquet-writer/src/metadata.js' {
  export { writeMetadata } from 'hyparquet-writer/types/metadata';
}
