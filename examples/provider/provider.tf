terraform {
  required_providers {
    eightxeight = {
      source  = "eightxeight/eightxeight"
      version = "~> 0.1"
    }
  }
}

# The API key is best left to the environment (EIGHTXEIGHT_API_KEY), so that it
# never sits in a file. The region must be the one that holds the account.
provider "eightxeight" {
  region = "europe"
}
