-- Attachment bodies stored many at a time (a batch of e-mail) go into pack
-- files, <attachments>/packs/<pack>, one write and one flush for all of them,
-- instead of a file each: creating thousands of small files is what a mail
-- intake of two nodes waits on. This says where each one lies; bodies in
-- files of their own are not listed. A row is written only once its bytes
-- are on disk, and every read checks them against the SHA-256.
CREATE TABLE packed_bodies (
  sha256 TEXT PRIMARY KEY,
  pack TEXT NOT NULL,
  position BIGINT NOT NULL,
  size_bytes BIGINT NOT NULL
);
