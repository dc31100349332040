// The API's types by their product names, taken from the server's OpenAPI
// description (src/api/schema.d.ts is generated from src/http/openapi.json
// by `npm run api-types` at every build).
import type { components } from './schema';

type Schemas = components['schemas'];

export type Case = Schemas['Case'];
export type CaseCreate = Schemas['CaseCreate'];
export type CaseStatus = Schemas['CaseStatus'];
export type CaseType = Schemas['CaseType'];
export type Channel = Schemas['Channel'];
export type Urgency = Schemas['Urgency'];
export type OriginClass = Schemas['OriginClass'];
export type Remedy = Schemas['Remedy'];
export type Customer = Schemas['Customer'];
export type CustomerKind = Schemas['CustomerKind'];
export type Interaction = Schemas['Interaction'];
export type InteractionCreate = Schemas['InteractionCreate'];
export type Attachment = Schemas['Attachment'];
export type User = Schemas['User'];
export type Role = Schemas['Role'];
export type Department = Schemas['Department'];
export type Category = Schemas['Category'];
export type Session = Schemas['Session'];
export type SlaClock = Schemas['SlaClock'];
export type AvailableStep = Schemas['AvailableStep'];
export type StepInput = Schemas['StepInput'];
export type CaseStep = Schemas['CaseStep'];
export type CaseEvent = Schemas['CaseEvent'];
export type QualityReport = Schemas['QualityReport'];
export type Action = Schemas['Action'];
export type ActionInput = Schemas['ActionInput'];
export type PreventionReport = Schemas['PreventionReportDetail'];
export type Claim = Schemas['Claim'];
export type ClaimDetail = Schemas['ClaimDetail'];
export type SupplierCar = Schemas['SupplierCar'];
export type AuthorityLimit = Schemas['AuthorityLimit'];

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface Items<T> {
  items: T[];
}
export type OutboxMessage = Schemas['OutboxMessage'];
export type CustomerMessageInput = Schemas['CustomerMessageInput'];
export type SmtpSettings = Schemas['SmtpSettings'];
export type SmtpSettingsInput = Schemas['SmtpSettingsInput'];
export type SmsGateway = Schemas['SmsGateway'];
export type Call = Schemas['Call'];
export type CallInput = Schemas['CallInput'];
export type CallView = { call: Call; customer: Customer | null; open_cases: Case[] };
export type SmsGatewayInput = Schemas['SmsGatewayInput'];
export type Mailbox = Schemas['Mailbox'];
export type MailboxInput = Schemas['MailboxInput'];
export type Notification = Schemas['Notification'];
export type NotificationPreferences = Schemas['NotificationPreferences'];
export type GroupRobot = Schemas['GroupRobot'];
export type GroupRobotInput = Schemas['GroupRobotInput'];
export type WechatAccount = Schemas['WechatAccount'];
export type WechatAccountInput = Schemas['WechatAccountInput'];
