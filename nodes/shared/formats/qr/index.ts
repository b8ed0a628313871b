/**
 * QR codes, read locally with no dependencies (issue 22). Stages, as in ZXing: binarize.ts (luminance → bits),
 * finder.ts + detector.ts (finder patterns → perspective → sampled grid), decoder.ts + reedSolomon.ts (grid →
 * text); invoicePayload.ts reads an invoice QR's text; readInvoiceQr.ts searches an image file for one.
 *
 * Stable API for the node code:
 * - `readInvoiceQr(bytes, budgetMs?)`: an image file's invoice QR (`InvoiceQr`) or null.
 * - `parseInvoiceQr(text)`: a QR text's invoice fields or null (e.g. for QR images found inside PDFs and OFDs,
 *   decoded with `decodeQrCodes`).
 * - `decodeQrCodes(gray, options?)`: every QR text in a gray image.
 */
export { decodeQrCodes, scanQrCodes, type QrCode, type QrScanOptions } from './scan';
export { crc16Modbus, crc16Umts, parseInvoiceQr, type InvoiceQr } from './invoicePayload';
export { DEFAULT_QR_BUDGET_MS, readInvoiceQr, readInvoiceQrInSteps } from './readInvoiceQr';
export type { GrayImage } from './binarize';
