// A sample on its way, as the customer records it on the portal and staff
// for them (SampleShipmentFields).
export interface ShipmentDraft {
  carrier: string;
  tracking_number: string;
  shipped_on: string;
  quantity: number;
  note: string;
}

/** The labels of the fields the API's errors name. */
export const kShipmentFieldLabels: Record<string, string> = {
  carrier: 'portal.case.carrier',
  tracking_number: 'portal.case.tracking',
  shipped_on: 'portal.case.shippedOn',
  quantity: 'portal.case.quantity',
  note: 'portal.case.note',
};

/** An empty draft sent on `shippedOn`. */
export const emptyShipment = (shippedOn = ''): ShipmentDraft => ({ carrier: '', tracking_number: '', shipped_on: shippedOn, quantity: 1, note: '' });

/** The draft as the API takes it: text fields trimmed. */
export const shipmentBody = (draft: ShipmentDraft) => ({
  ...draft,
  carrier: draft.carrier.trim(),
  tracking_number: draft.tracking_number.trim(),
  note: draft.note.trim(),
});
