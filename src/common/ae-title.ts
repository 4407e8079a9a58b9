/**
 * A DICOM AE title (PS3.5 Table 6.2-1, VR AE): at most 16 characters of the default repertoire
 * (printable ASCII) without the backslash; leading and trailing spaces are not significant, so
 * none are stored, and a title of spaces only is not allowed.
 */
export const AE_TITLE_PATTERN =
  /^[\x21-\x5B\x5D-\x7E](?:[\x20-\x5B\x5D-\x7E]{0,14}[\x21-\x5B\x5D-\x7E])?$/;
