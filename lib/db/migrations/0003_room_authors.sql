CREATE TABLE "room_authors" (
	"room_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"live_messages" integer NOT NULL,
	"last_message_at" timestamp with time zone NOT NULL,
	CONSTRAINT "room_authors_room_id_author_id_pk" PRIMARY KEY("room_id","author_id")
);
--> statement-breakpoint
ALTER TABLE "room_authors" ADD CONSTRAINT "room_authors_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_authors" ADD CONSTRAINT "room_authors_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "room_authors_author_idx" ON "room_authors" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "room_authors_room_latest_idx" ON "room_authors" USING btree ("room_id","last_message_at");--> statement-breakpoint
CREATE INDEX "room_memberships_room_joined_idx" ON "room_memberships" USING btree ("room_id","created_at");
--> statement-breakpoint
-- Kept by the database itself, so every way a message is written (the app, the seed, a hand-made fix) keeps it
-- right, in the writer's transaction. A deleted message (deleted_at set, or the row gone) stops counting; the
-- latest time is looked up again only when the message that goes was the latest.
CREATE FUNCTION "room_authors_count_message"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN
    UPDATE room_authors SET
      live_messages = live_messages - 1,
      last_message_at = CASE WHEN last_message_at > OLD.created_at THEN last_message_at ELSE coalesce((
        SELECT max(m.created_at) FROM messages m
        WHERE m.room_id = OLD.room_id AND m.author_id = OLD.author_id AND m.deleted_at IS NULL AND m.id <> OLD.id
      ), last_message_at) END
    WHERE room_id = OLD.room_id AND author_id = OLD.author_id;
    DELETE FROM room_authors WHERE room_id = OLD.room_id AND author_id = OLD.author_id AND live_messages <= 0;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.deleted_at IS NULL THEN
    INSERT INTO room_authors (room_id, author_id, live_messages, last_message_at)
    VALUES (NEW.room_id, NEW.author_id, 1, NEW.created_at)
    ON CONFLICT (room_id, author_id) DO UPDATE SET
      live_messages = room_authors.live_messages + 1,
      last_message_at = greatest(room_authors.last_message_at, EXCLUDED.last_message_at);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "messages_count_room_authors" AFTER INSERT OR DELETE OR UPDATE OF room_id, author_id, created_at, deleted_at ON "messages"
  FOR EACH ROW EXECUTE FUNCTION "room_authors_count_message"();
--> statement-breakpoint
CREATE FUNCTION "room_authors_forget_all"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE room_authors;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "messages_truncate_room_authors" AFTER TRUNCATE ON "messages"
  FOR EACH STATEMENT EXECUTE FUNCTION "room_authors_forget_all"();
--> statement-breakpoint
INSERT INTO room_authors (room_id, author_id, live_messages, last_message_at)
SELECT room_id, author_id, count(*), max(created_at) FROM messages WHERE deleted_at IS NULL GROUP BY room_id, author_id;
