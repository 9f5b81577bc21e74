terraform {
  # Provider functions need Terraform 1.8 or later (OpenTofu 1.7 or later:
  # lower this line there); the data sources alone work from 1.5.
  required_version = ">= 1.8.0"

  required_providers {
    eightxeight = {
      source  = "eightxeight/eightxeight"
      version = "~> 0.1"
    }
  }
}
