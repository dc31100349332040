// The part of UTIF.js (photopea/UTIF.js, a TIFF decoder with CCITT fax
// compression) that the console uses; the package ships no types.
declare module 'utif' {
  export interface Ifd {
    width: number; // set by decodeImage
    height: number;
    [tag: string]: unknown;
  }
  const UTIF: {
    decode(buffer: ArrayBuffer): Ifd[];
    decodeImage(buffer: ArrayBuffer, ifd: Ifd): void;
    toRGBA8(ifd: Ifd): Uint8Array;
  };
  export default UTIF;
}
