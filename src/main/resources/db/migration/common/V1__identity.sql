-- Identity: tenants, users, roles and API keys. Portable SQL: runs on H2 (PostgreSQL mode) and PostgreSQL 17.

CREATE TABLE tenant (
    id          UUID PRIMARY KEY,
    slug        VARCHAR(63)  NOT NULL UNIQUE,
    name        VARCHAR(200) NOT NULL,
    region      VARCHAR(8)   NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE app_user (
    id             UUID PRIMARY KEY,
    tenant_id      UUID         NOT NULL REFERENCES tenant (id),
    username       VARCHAR(200) NOT NULL UNIQUE,
    display_name   VARCHAR(200) NOT NULL,
    password_hash  VARCHAR(255) NOT NULL,
    platform_admin BOOLEAN      NOT NULL DEFAULT FALSE,
    enabled        BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX app_user_tenant ON app_user (tenant_id);

CREATE TABLE user_role (
    tenant_id UUID        NOT NULL REFERENCES tenant (id),
    user_id   UUID        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role      VARCHAR(20) NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- API keys are stored as SHA-256 hashes; only the visible prefix is kept in clear for people to recognise a key.
CREATE TABLE api_key (
    id             UUID PRIMARY KEY,
    tenant_id      UUID         NOT NULL REFERENCES tenant (id),
    name           VARCHAR(200) NOT NULL,
    prefix         VARCHAR(16)  NOT NULL,
    key_hash       CHAR(64)     NOT NULL UNIQUE,
    role           VARCHAR(20)  NOT NULL,
    platform_admin BOOLEAN      NOT NULL DEFAULT FALSE,
    created_by     VARCHAR(200) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at   TIMESTAMP WITH TIME ZONE,
    revoked_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX api_key_tenant ON api_key (tenant_id);
