// hyparquet-writer's own page encoders and compressor, which test/unit/io-parquet.test.ts holds sim/io/parquetPages.ts
// and sim/io/snappy.ts against (sim/io/hyparquet-writer.d.ts says why these declarations are needed).

declare module 'hyparquet-writer/src/encoding.js' {
  export { writeRleBitPackedHybrid } from 'hyparquet-writer/types/encoding';
}
declare module 'hyparquet-writer/src/splitstream.js' {
  export { writeByteStreamSplit } from 'hyparquet-writer/types/splitstream';
}
declare module 'hyparquet-writer/src/snappy.js' {
  export { snappyCompress } from 'hyparquet-writer/types/snappy';
}
