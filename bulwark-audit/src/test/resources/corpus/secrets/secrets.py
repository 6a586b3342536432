import os

# planted: generic secrets
AUTH_TOKEN = "@@R::A:32@@"
db_password = '@@R::P:12@@'
# planted: database URL with an embedded password
DSN = "postgres://report:@@R::A:16@@@db.internal/report"
# look-alikes
SECRET_KEY = os.environ["SECRET_KEY"]
password = "password"
api_key = "your-api-key"
fake_token = "fake_9f8e7d6c5b4a39281706"
token_type = "Bearer"
