terraform {
  required_version = ">= 1.5.0"

  required_providers {
    eightxeight = {
      source  = "eightxeight/eightxeight"
      version = "~> 0.1"
    }
  }
}

# Everything from the environment: EIGHTXEIGHT_API_KEY (required), and
# EIGHTXEIGHT_REGION, EIGHTXEIGHT_BASE_URL, EIGHTXEIGHT_REQUEST_TIMEOUT,
# EIGHTXEIGHT_MAX_RETRIES, EIGHTXEIGHT_CA_CERT_FILE as needed.
provider "eightxeight" {}

# One configuration per region an organisation's accounts live in. The API
# key still comes from EIGHTXEIGHT_API_KEY, so it never sits in a file.
provider "eightxeight" {
  alias  = "europe"
  region = "europe" # https://chatapps.8x8.uk
}

provider "eightxeight" {
  alias           = "north_america"
  region          = "north-america" # https://chatapps.us.8x8.com
  request_timeout = "1m"
  max_retries     = 6
}

provider "eightxeight" {
  alias  = "indonesia"
  region = "indonesia" # https://chatapps.8x8.id
}
