/**
 * Encoding repair: decoding bytes in UTF-8, UTF-16 or a legacy Vietnamese encoding, and a
 * pipeline stage that undoes mojibake, legacy-font text and VIQR inside strings.
 */
export { decode, type Decoded, type DecodeOptions } from './decode.js';
export { encodingStage, type EncodingStageOptions } from './stage.js';
export {
  canonicalEncodingName,
  SUPPORTED_ENCODINGS,
  type EncodingName,
  type LegacyEncoding,
} from './charsets.js';
export { encode } from './encode.js';
