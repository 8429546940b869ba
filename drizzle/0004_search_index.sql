-- Full-text search over what a couple said: card text, notes, answers, reflections, clarifications
-- and appreciations. couple_id keeps a search inside the couple; `part` marks answers, which the
-- reveal rule may still hide from the partner. Drizzle has no virtual tables: rows are written by
-- src/lib/server/history/search-index.ts as events are appended.
CREATE VIRTUAL TABLE `search_index` USING fts5(
	`text`,
	`couple_id` UNINDEXED,
	`conversation_id` UNINDEXED,
	`seq` UNINDEXED,
	`actor_id` UNINDEXED,
	`part` UNINDEXED,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `search_index` (`text`, `couple_id`, `conversation_id`, `seq`, `actor_id`, `part`)
SELECT trim(
		coalesce(json_extract(e.`payload`, '$.card.text'), '') || ' ' ||
		coalesce(json_extract(e.`payload`, '$.note'), '') || ' ' ||
		coalesce(json_extract(e.`payload`, '$.text'), '') || ' ' ||
		coalesce(json_extract(e.`payload`, '$.clarification'), '')
	),
	c.`couple_id`, e.`conversation_id`, e.`seq`, e.`actor_id`,
	CASE WHEN e.`type` = 'answer.given' THEN 'answer' ELSE 'other' END
FROM `events` e JOIN `conversations` c ON c.`id` = e.`conversation_id`
WHERE e.`type` IN ('card.drawn', 'card.sent', 'answer.given', 'reflection.sent', 'reflection.not-quite', 'appreciation.sent');
--> statement-breakpoint
INSERT INTO `search_index` (`text`, `couple_id`, `conversation_id`, `seq`, `actor_id`, `part`)
SELECT json_extract(e.`payload`, '$.firstAnswer'), c.`couple_id`, e.`conversation_id`, e.`seq`, e.`actor_id`, 'answer'
FROM `events` e JOIN `conversations` c ON c.`id` = e.`conversation_id`
WHERE e.`type` = 'card.sent' AND json_extract(e.`payload`, '$.firstAnswer') IS NOT NULL;
