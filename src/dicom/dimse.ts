import dimse from 'dcmjs-dimse';
import type { association, requests } from 'dcmjs-dimse';

/**
 * dcmjs-dimse (DICOM networking, PS3.7/PS3.8, on dcmjs datasets) is CommonJS: its parts are
 * reached through the default import.
 */
export const { Scp, Server, constants, responses, log: dimseLog } = dimse;
export type Association = association.Association;
export type CStoreRequest = requests.CStoreRequest;
export type CEchoRequest = requests.CEchoRequest;
