-- Document visibility as a filter inside the vector search: outreach only ever cites public content.
ALTER TABLE search_vector ADD COLUMN visibility VARCHAR(40) NOT NULL DEFAULT 'public';
UPDATE search_vector v SET visibility = d.visibility
FROM knowledge_document d
WHERE d.id = v.document_id AND d.tenant_id = v.tenant_id AND d.visibility <> '';
