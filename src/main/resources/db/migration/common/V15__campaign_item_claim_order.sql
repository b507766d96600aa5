-- The claim reads the first due items of a campaign in this index's order (campaign, state, due, seq) and stops there,
-- instead of reading every pending item to sort them (ItemRepository.claim locks only the items it read).
DROP INDEX campaign_item_claim;
CREATE INDEX campaign_item_claim ON campaign_item (campaign_id, state, due_at, seq);
