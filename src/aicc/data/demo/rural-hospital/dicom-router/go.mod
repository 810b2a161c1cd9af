module example.org/hospital/dicom-router

go 1.20.1

require (
	golang.org/x/crypto v0.14.0
	golang.org/x/net v0.7.0
)

require golang.org/x/text v0.13.0 // indirect
